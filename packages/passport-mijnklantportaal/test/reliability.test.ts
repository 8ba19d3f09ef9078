import { mijnklantportaalCase, mijnklantportaalWithProfileCase, runReliabilitySuite } from '@internal/test-support';

runReliabilitySuite(mijnklantportaalCase);
runReliabilitySuite(mijnklantportaalWithProfileCase);
