/** express@4 installed under the alias `express4` (a test-only devDependency): Express 5's types cover what the tests use. */
declare module 'express4' {
  import express from 'express';
  export default express;
}
