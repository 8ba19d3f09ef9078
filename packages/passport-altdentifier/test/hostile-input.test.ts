import { altdentifierCase, runHostileInputSuite } from '@internal/test-support';

runHostileInputSuite(altdentifierCase);
