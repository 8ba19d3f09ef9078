import { petjeafCase, runPropertySuite } from '@internal/test-support';

runPropertySuite(petjeafCase);
