import type { Express } from 'express';
import { SandboxError } from '../errors';
import { bearerToken, delay } from '../http-helpers';
import type { ProviderContext } from '../provider-module';
import { rateLimit } from '../rate-limit';

/** Seeded customers of every portal, with the documented `cst_` ids. */
const CUSTOMERS = [
  { id: 'cst_4fT8kLm2Qx9z', name: 'Bakkerij De Korenschoof', email: 'info@korenschoof.nl' },
  { id: 'cst_7bN3vRp6Wy1c', name: 'Hovenier Groen & Zn', email: 'contact@groenenzn.nl' },
  { id: 'cst_2mJ9xHd5Ks8e', name: 'Fietsenmaker Spaak', email: 'spaak@example.nl' },
];
const PER_PAGE = 15;

/**
 * MijnKlantportaal's API on `app`: the documented limit of 60 requests per minute per token on
 * every `/v1` path (configurable with the sandbox's `rateLimit` option), and
 * `GET /v1/customers` in its documented Laravel page shape (`current_page`, `data`,
 * `next_page_url`...; `page` and `per_page` in the query), bearer in `Authorization` or
 * `Authentication`, scope `customers.read`.
 *
 * @see https://docs.developers.mijnklantportaal.nl/getting-started/rate-limiting
 * @see https://docs.developers.mijnklantportaal.nl/api-reference/customers-api/list-customers
 */
export function addMijnKlantportaalApi(app: Express, context: ProviderContext): void {
  app.use('/v1', rateLimit(context.rateLimit, context.now));
  app.get('/v1/customers', delay(context.delayMs), (req, res) => {
    const grant = context.store.findAccess(bearerToken(req, ['authorization', 'authentication']));
    if (!grant.scope.includes('customers.read')) {
      throw new SandboxError('invalid_request', 'this token was not granted customers.read', 403);
    }
    const page = positive(req.query.page, 1);
    const perPage = positive(req.query.per_page, PER_PAGE);
    const from = (page - 1) * perPage;
    const data = CUSTOMERS.slice(from, from + perPage);
    const origin = `${req.protocol}://${req.get('host') ?? ''}`;
    const url = (n: number) => `${origin}/v1/customers?page=${n}`;
    const lastPage = Math.max(1, Math.ceil(CUSTOMERS.length / perPage));
    res.json({
      current_page: page,
      data,
      first_page_url: url(1),
      from: data.length ? from + 1 : null,
      next_page_url: page < lastPage ? url(page + 1) : null,
      path: `${origin}/v1/customers`,
      per_page: perPage,
      prev_page_url: page > 1 ? url(page - 1) : null,
      to: data.length ? from + data.length : null,
    });
  });
}

function positive(value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : 0;
  if (number < 1 || number > 1000)
    throw new SandboxError('invalid_request', 'page and per_page must be positive integers');
  return number;
}
