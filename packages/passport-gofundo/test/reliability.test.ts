import { gofundoCase, runReliabilitySuite } from '@internal/test-support';

runReliabilitySuite(gofundoCase);
