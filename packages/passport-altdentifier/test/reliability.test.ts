import { altdentifierCase, runReliabilitySuite } from '@internal/test-support';

runReliabilitySuite(altdentifierCase);
