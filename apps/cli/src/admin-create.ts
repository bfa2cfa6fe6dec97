import 'reflect-metadata';
import { createInterface } from 'node:readline/promises';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { UsersService } from '@qualcert/identity';
import { DomainException, loadConfig, SYSTEM_ACTOR } from '@qualcert/shared';
import { AdminCliModule } from './cli.module';

const USAGE =
  'usage: npm run admin:create -- --email <email> --name "<full name>"   (password from ADMIN_PASSWORD or asked for)';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** There is no default password: it comes from the environment or from the operator. */
async function readPassword(): Promise<string> {
  const fromEnv = process.env.ADMIN_PASSWORD;
  // Taken here, so the start-up bootstrap (ADMIN_EMAIL + ADMIN_PASSWORD) does not see half a pair.
  delete process.env.ADMIN_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) {
    let input = '';
    for await (const chunk of process.stdin) input += String(chunk);
    return input.split('\n')[0] ?? '';
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question('Password for the new admin: ');
  } finally {
    rl.close();
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const email = option(args, '--email');
  const name = option(args, '--name') ?? 'Administrator';
  if (!email) throw new Error(USAGE);
  const password = await readPassword();
  loadConfig();
  const app = await NestFactory.createApplicationContext(AdminCliModule, { logger: ['error', 'warn'] });
  try {
    const users = app.get(UsersService);
    const user = await app
      .get<DataSource>(getDataSourceToken())
      .transaction((manager) =>
        users.createUser(manager, SYSTEM_ACTOR, { email, fullName: name, role: 'admin', password }),
      );
    process.stdout.write(`Admin created: ${user.email} (${user.id})\n`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  // The body the API would answer in English: field faults become their text.
  const details =
    error instanceof DomainException
      ? (error.toBody('en').details as { fields?: { messages: string[] }[] } | undefined)
      : undefined;
  const reasons = details?.fields?.flatMap((f) => f.messages).join('; ');
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}${reasons ? `: ${reasons}` : ''}\n`);
  process.exit(1);
});
