import { Hono } from 'hono';
import { z } from 'zod';
import { auditContextOf } from '../auth/audit-context';
import { principalOf, ROLES } from '../auth/principal';
import { changeUserAccount, createUserAccount } from '../auth/user-admin';
import type { Db } from '../db/db';
import { listUsers } from '../queries/users';
import { validate } from '../validation';

const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_.-]{2,40}$/, '2-40 characters: a-z, 0-9, _ . -');
const ScopeCode = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,60}$/, 'a grid code')
  .nullable();
const DisplayName = z.string().trim().min(1).max(100);
const Password = z.string().max(200);

const CreateBody = z.strictObject({
  username: Username,
  displayName: DisplayName.optional(),
  role: z.enum(ROLES),
  scopeCode: ScopeCode.default(null),
  password: Password.optional(),
});

const PatchBody = z
  .strictObject({
    displayName: DisplayName.optional(),
    role: z.enum(ROLES).optional(),
    scopeCode: ScopeCode.optional(),
    disabled: z.boolean().optional(),
    password: Password.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'send at least one field to change');

const IdParam = z.object({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,9}$/, 'not a user id')
    .transform(Number),
});

/** `/api/users`: account management for admins. Password hashes never leave the server. */
export function userRoutes(deps: { db: Db }) {
  return new Hono()
    .get('/', async (c) => c.json({ items: await listUsers(deps.db) }))
    .post('/', validate('json', CreateBody), async (c) => {
      const { user, generatedPassword } = await createUserAccount(
        deps.db,
        c.req.valid('json'),
        auditContextOf(c),
      );
      c.header('Location', `/api/users/${user.id}`);
      return c.json({ user, generatedPassword }, 201);
    })
    .patch('/:id', validate('param', IdParam), validate('json', PatchBody), async (c) => {
      const user = await changeUserAccount(
        deps.db,
        principalOf(c),
        c.req.valid('param').id,
        c.req.valid('json'),
        auditContextOf(c),
      );
      return c.json({ user });
    });
}
