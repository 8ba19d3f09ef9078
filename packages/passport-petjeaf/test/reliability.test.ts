import { petjeafCase, runReliabilitySuite } from '@internal/test-support';

runReliabilitySuite(petjeafCase);
