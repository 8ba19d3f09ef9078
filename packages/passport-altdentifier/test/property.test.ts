import { altdentifierCase, runPropertySuite } from '@internal/test-support';

runPropertySuite(altdentifierCase);
