import { petjeafCase, runHostileInputSuite } from '@internal/test-support';

runHostileInputSuite(petjeafCase);
