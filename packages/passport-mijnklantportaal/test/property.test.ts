import { mijnklantportaalCase, mijnklantportaalWithProfileCase, runPropertySuite } from '@internal/test-support';

runPropertySuite(mijnklantportaalCase);
runPropertySuite(mijnklantportaalWithProfileCase);
