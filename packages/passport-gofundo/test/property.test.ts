import { gofundoCase, runPropertySuite } from '@internal/test-support';

runPropertySuite(gofundoCase);
