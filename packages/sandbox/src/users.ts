import type { ProviderName, SandboxUser } from './types';

/**
 * The seeded users, each provider's ids in its own style: Petje.af 28-character
 * Firebase-like strings (as in its API examples), Gofundo integers (Laravel), MijnKlantportaal
 * `usr_` prefixed ids (like its `cst_`, `wbh_` ids), AltDentifier Discord snowflakes with
 * discriminators (the first one is the docs' webhook example member). Gofundo's users have a
 * password for the documented `password` grant (username: the email).
 */
export const SEEDED_USERS: Readonly<Record<ProviderName, readonly SandboxUser[]>> = {
  petjeaf: [
    { id: '8jFy8VbRPTfkM1658U2IrwvIV7R2', name: 'Zoë Ångström', email: 'zoe.angstrom@example.nl' },
    { id: 'Qm3xT9aLk2VbN7pR4sW8yZ1cE5fH', name: 'Daan de Vries', email: 'daan.devries@example.nl' },
    { id: 'tR6uYp0oIl9kJh8gFd7sAq2wE3xC', name: 'Fatima El Amrani', email: 'fatima.elamrani@example.nl' },
  ],
  gofundo: [
    { id: '1042', name: 'Sanne Bakker', email: 'sanne.bakker@example.nl', password: 'sandbox-password-1042' },
    { id: '1043', name: 'Zoë Ångström', email: 'zoe.angstrom@example.nl', password: 'sandbox-password-1043' },
    { id: '1187', name: 'Jürgen Müller', email: 'jurgen.muller@example.de', password: 'sandbox-password-1187' },
  ],
  mijnklantportaal: [
    { id: 'usr_7hK2mQ9xWb4T', name: 'Zoë Ångström', email: 'zoe@angstrom-advies.nl', companyName: 'Ångström Advies' },
    {
      id: 'usr_3pL8vN1cRz6Y',
      name: 'Bram Jansen',
      email: 'bram@jansen-installatie.nl',
      companyName: 'Jansen Installatietechniek B.V.',
    },
    { id: 'usr_9sD4fG7hJk2M', name: 'Chloé Dubois', email: 'chloe@bureau-dubois.be', companyName: 'Bureau Dubois' },
  ],
  altdentifier: [
    { id: '66166172835385344', name: 'Auxim', username: 'Auxim', discriminator: '0001', email: 'auxim@example.com' },
    {
      id: '283012871929249792',
      name: 'Zoë Ångström',
      username: 'Zoë Ångström',
      discriminator: '4821',
      email: 'zoe@example.com',
    },
    {
      id: '417749323478614016',
      name: 'Łukasz Wiśniewski',
      username: 'Łukasz Wiśniewski',
      discriminator: '0420',
      email: 'lukasz@example.pl',
    },
  ],
};
