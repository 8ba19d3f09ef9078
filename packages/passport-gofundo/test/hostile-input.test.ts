import { gofundoCase, runHostileInputSuite } from '@internal/test-support';

runHostileInputSuite(gofundoCase);
