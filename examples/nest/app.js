import 'reflect-metadata';
import session from 'express-session';
import { Controller, Get, Injectable, Module, NotFoundException, Req, Res, UseGuards } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuthGuard, PassportModule, PassportStrategy } from '@nestjs/passport';

const env = process.env;
const PROVIDERS = ['petjeaf', 'gofundo', 'mijnklantportaal', 'altdentifier'];
// Unset: the real provider. Set (sandbox.env): the sandbox's URLs, as `npx passport-nl-sandbox` prints them.
const URLS = { authorizationURL: 'AUTHORIZATION_URL', tokenURL: 'TOKEN_URL', userProfileURL: 'USER_PROFILE_URL' };
const strategies = [];
for (const name of PROVIDERS) {
  const { Strategy } = await import(`passport-${name}`);
  const P = name.toUpperCase();
  const options = { clientID: env[`${P}_CLIENT_ID`], clientSecret: env[`${P}_CLIENT_SECRET`] };
  options.callbackURL = `${env.BASE_URL}/auth/${name}/callback`;
  for (const [option, variable] of Object.entries(URLS)) options[option] = env[`${P}_${variable}`];
  class ProviderAuth extends PassportStrategy(Strategy, name) {
    constructor() {
      super(options); // default options: state in a cookie per login
    }
    validate(accessToken, refreshToken, profile) {
      return { provider: name, name: profile.displayName };
    }
  }
  strategies.push(Reflect.decorate([Injectable()], ProviderAuth));
}

/** `AuthGuard(<provider>)` for the provider in the path; a failed login leaves `req.user` null. */
class ProviderGuard {
  canActivate(context) {
    const name = context.switchToHttp().getRequest().params.provider;
    if (!PROVIDERS.includes(name)) throw new NotFoundException();
    const Guard = AuthGuard(name);
    return Object.assign(new Guard(), {
      handleRequest: (err, user) => (err ? Promise.reject(err) : user || null),
    }).canActivate(context);
  }
}

class AuthController {
  home(req) {
    return req.session.user ?? PROVIDERS.map((name) => `<a href="/auth/${name}">Log in with ${name}</a>`).join('<br>');
  }
  start() {} // the guard redirects to the provider
  callback(req, res) {
    if (!req.user) return res.redirect('/?login=failed');
    req.session.regenerate(() => ((req.session.user = req.user), res.redirect('/')));
  }
}
route('home', [Get('/')], [Req()]);
route('start', [Get('auth/:provider'), UseGuards(ProviderGuard)], []);
route('callback', [Get('auth/:provider/callback'), UseGuards(ProviderGuard)], [Req(), Res()]);
Reflect.decorate([Controller()], AuthController);
class AppModule {}
Reflect.decorate(
  [Module({ imports: [PassportModule], controllers: [AuthController], providers: strategies })],
  AppModule,
);

const app = await NestFactory.create(AppModule, { logger: ['error'] });
app.use(session({ secret: env.SESSION_SECRET, resave: false, saveUninitialized: false }));
await app.listen(Number(env.PORT));
console.log(`Open ${env.BASE_URL}`);

/** What `@Get() @UseGuards() method(@Req() req, @Res() res)` does in TypeScript. */
function route(method, decorators, params) {
  params.forEach((param, index) => param(AuthController.prototype, method, index));
  const descriptor = Object.getOwnPropertyDescriptor(AuthController.prototype, method);
  Reflect.decorate(decorators, AuthController.prototype, method, descriptor);
}
