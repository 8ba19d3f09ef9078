import { mijnklantportaalCase, mijnklantportaalWithProfileCase, runHostileInputSuite } from '@internal/test-support';

runHostileInputSuite(mijnklantportaalCase);
runHostileInputSuite(mijnklantportaalWithProfileCase);
