import { createPublicKey, createHash, verify } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { CertificateIssuer, StatusListsService } from '@qualcert/certificates';
import { expandSafely, ob3SchemaErrors } from '@qualcert/certificates/testing';
import { assessedApplication, ExamDay, issuedCertificate, signOffDecision } from './utils/exam-day';
import { startExamDayApp } from './utils/exam-day-app';
import { bearer, eventually } from './utils/fixtures';
import { TestContext } from './utils/test-app';

// Each test walks one or two candidates from application to certificate, on CI's two shared cores.
jest.setTimeout(120_000);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * What a wallet or verifier outside this system checks, with its own code: the OB 3.0 JSON Schema,
 * JSON-LD safe-mode expansion, the issuer profile, and revocation read from the status list alone.
 */
describe('credentials: what standard verifiers check', () => {
  let ctx: TestContext;
  let worker: INestApplicationContext;
  let server: App;
  let day: ExamDay;
  const base = process.env.PUBLIC_BASE_URL ?? 'http://127.0.0.1:3000';

  beforeAll(async () => {
    ({ ctx, worker, server, day } = await startExamDayApp({ worker: true }));
  });
  afterAll(async () => {
    await worker.close();
    await ctx.close();
  });

  /** Signs off the application's decision once the rule has made it. */
  const signOff = (applicationId: string): Promise<string> => signOffDecision(ctx, day.manager, applicationId);

  async function certified() {
    const { applicationId, candidate } = await assessedApplication(ctx, day);
    const decisionId = await signOff(applicationId);
    const certificate = await issuedCertificate(ctx, candidate, applicationId);
    const credential: Json = (
      await request(server)
        .get(`/api/v1/certificates/${certificate.id}/credential`)
        .set(...bearer(candidate))
        .expect(200)
    ).body;
    return { applicationId, candidate, decisionId, certificate, credential };
  }

  /** A verifier's own reading of a status entry: fetch the list, check its proof, decode, read the bit. */
  async function revokedPerList(entry: Json): Promise<boolean> {
    const listUrl = new URL(entry.statusListCredential as string);
    const list: Json = (await request(server).get(listUrl.pathname).expect(200)).body;
    expect(list.type).toEqual(['VerifiableCredential', 'BitstringStatusListCredential']);
    expect(list.credentialSubject.statusPurpose).toBe('revocation');
    // The key as the platform publishes it, and the eddsa-jcs-2022 hashes, computed here.
    const keyDoc: Json = (await request(server).get('/api/v1/public/issuer').expect(200)).body;
    const method = keyDoc.verificationMethod.find((m: Json) => m.id === list.proof.verificationMethod);
    expect(method).toBeDefined();
    const raw = Buffer.from(base58btc(method.publicKeyMultibase)).subarray(2);
    const publicKey = createPublicKey({
      key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]),
      format: 'der',
      type: 'spki',
    });
    const { proof, ...document } = list;
    const { proofValue, ...options } = proof;
    const sha = (value: unknown) => createHash('sha256').update(sortedJson(value)).digest();
    const signature = Buffer.from(base58btc(proofValue));
    expect(verify(null, Buffer.concat([sha(options), sha(document)]), publicKey, signature)).toBe(true);

    const encoded: string = list.credentialSubject.encodedList;
    expect(encoded[0]).toBe('u');
    const bits = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
    expect(bits.length * 8).toBeGreaterThanOrEqual(131_072);
    const index = Number(entry.statusListIndex);
    return (bits[Math.floor(index / 8)] & (0x80 >> (index % 8))) !== 0;
  }

  it("passes 1EdTech's OB 3.0 JSON Schema and expands in JSON-LD safe mode, as issued", async () => {
    const { credential, certificate } = await certified();
    expect(ob3SchemaErrors(credential)).toEqual([]);
    const expanded = JSON.stringify(await expandSafely(credential));
    expect(expanded).toContain('https://www.w3.org/ns/credentials/status#BitstringStatusListEntry');
    // The id is the certificate's urn:uuid: not a URL that answers 404.
    expect(credential.id).toBe(`urn:uuid:${certificate.id}`);
  });

  it('names the centre as issuer, at a URL that resolves to its profile on the published contexts', async () => {
    const { credential } = await certified();
    const [centre] = await ctx.dataSource.query('SELECT code, name FROM centre WHERE id = $1', [day.centreId]);
    expect(credential.issuer).toEqual({
      id: `${base.replace(/\/$/, '')}/api/v1/public/issuers/${centre.code}`,
      type: ['Profile'],
      name: centre.name,
    });
    const profile: Json = (await request(server).get(new URL(credential.issuer.id).pathname).expect(200)).body;
    expect(profile).toMatchObject({ id: credential.issuer.id, type: ['Profile'], name: centre.name });
    const expanded = JSON.stringify(await expandSafely(profile));
    expect(expanded).toContain('https://purl.imsglobal.org/spec/vc/ob/vocab.html#Profile');
    await request(server).get('/api/v1/public/issuers/NOSUCH').expect(404);
    // The holder's name is in the IdentityObject alone, where OB 3.0 puts it.
    const [holder] = await ctx.dataSource.query('SELECT holder_name FROM certificate WHERE id = $1', [
      credential.id.slice('urn:uuid:'.length),
    ]);
    expect(JSON.stringify(credential).split(holder.holder_name)).toHaveLength(2);
  });

  it('revokes through the status list: the bit is set and re-signed, and a verifier reading only the list sees it', async () => {
    const { credential, certificate } = await certified();
    const other = await certified();
    expect(credential.credentialStatus.statusListCredential).toBe(
      other.credential.credentialStatus.statusListCredential,
    );
    expect(credential.credentialStatus.statusListIndex).not.toBe(other.credential.credentialStatus.statusListIndex);
    expect(await revokedPerList(credential.credentialStatus)).toBe(false);

    await request(server)
      .post(`/api/v1/certificates/${certificate.id}/revoke`)
      .set(...bearer(day.manager))
      .send({ reason: 'Выявлено нарушение процедуры оценки' })
      .expect(200);

    expect(await revokedPerList(credential.credentialStatus)).toBe(true);
    expect(await revokedPerList(other.credential.credentialStatus)).toBe(false);
    const checked: Json = (await request(server).post('/api/v1/public/credentials/verify').send(credential).expect(200))
      .body;
    expect(checked).toMatchObject({ verified: false, checks: { status: 'revoked', statusList: 'revoked' } });
  });

  it('makes the verify route read the list: a set bit is revoked whatever the registry row says', async () => {
    const { credential, certificate } = await certified();
    await request(server)
      .post(`/api/v1/certificates/${certificate.id}/revoke`)
      .set(...bearer(day.manager))
      .send({ reason: 'Выявлено нарушение процедуры оценки' })
      .expect(200);
    // The row put back as valid behind the system's back: only the signed list still says revoked.
    await ctx.dataSource.query(`UPDATE certificate SET status = 'valid' WHERE id = $1`, [certificate.id]);
    const checked: Json = (await request(server).post('/api/v1/public/credentials/verify').send(credential).expect(200))
      .body;
    expect(checked).toMatchObject({ verified: false, checks: { status: 'revoked', statusList: 'revoked' } });
  });

  it('gives issuances running at the same time distinct bits', async () => {
    const lists = worker.get(StatusListsService);
    const [centre] = await ctx.dataSource.query('SELECT code FROM centre WHERE id = $1', [day.centreId]);
    const slots = await Promise.all(
      Array.from({ length: 8 }, () =>
        ctx.dataSource.transaction((manager) =>
          lists.allocate(manager, { id: day.centreId, code: centre.code }, new Date()),
        ),
      ),
    );
    expect(new Set(slots.map((s) => `${s.list}/${s.index}`)).size).toBe(8);
  });

  it('issues an OB 3.0 credential per labour function for partial credit, once, on the worker', async () => {
    const { applicationId, candidate, failed } = await assessedApplication(ctx, day, 1);
    const decisionId = await signOff(applicationId);
    const credits: Json[] = await eventually(
      () =>
        request(server)
          .get(`/api/v1/applications/${applicationId}/credit-credentials`)
          .set(...bearer(candidate))
          .then((r) => (r.status === 200 ? (r.body as Json[]) : [])),
      (c) => c.length > 0,
      60000,
    );
    for (const credit of credits) {
      expect(ob3SchemaErrors(credit)).toEqual([]);
      await expandSafely(credit);
      expect(credit.credentialSubject.achievement.achievementType).toBe('Competency');
      expect(JSON.stringify(credit)).not.toContain(failed[0]);
      const verdict: Json = (await request(server).post('/api/v1/public/credentials/verify').send(credit).expect(200))
        .body;
      expect(verdict.checks).toMatchObject({ signature: 'valid', issuerKey: 'known', statusList: 'valid' });
    }
    // A function with a failed skill keeps its other skills, and no function is listed twice.
    const functionIds = credits.map((c) => c.credentialSubject.achievement.id);
    expect(new Set(functionIds).size).toBe(functionIds.length);
    expect(await worker.get(CertificateIssuer).issue(decisionId)).toBe('credits_issued');
    const [{ n }] = await ctx.dataSource.query(
      'SELECT count(*)::int AS n FROM credit_credential WHERE decision_id = $1',
      [decisionId],
    );
    expect(n).toBe(credits.length);
  });
});

// The verifier's own helpers, not the system's: JSON with sorted keys is JCS for the list credential
// (strings and arrays only), and multibase base58btc decoded digit by digit.
function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Json).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${sortedJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function base58btc(multibase: string): Uint8Array {
  const alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
  expect(multibase[0]).toBe('z');
  let n = 0n;
  for (const c of multibase.slice(1)) n = n * 58n + BigInt(alphabet.indexOf(c));
  const bytes: number[] = [];
  for (; n > 0n; n >>= 8n) bytes.unshift(Number(n & 0xffn));
  const zeros = /^1*/.exec(multibase.slice(1))![0].length;
  return Uint8Array.from([...Array<number>(zeros).fill(0), ...bytes]);
}
