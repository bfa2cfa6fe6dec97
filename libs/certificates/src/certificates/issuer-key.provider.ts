import { Injectable } from '@nestjs/common';
import { AppConfig } from '@qualcert/shared';
import { generateIssuerKey, IssuerKey, loadIssuerKey } from '../credentials/credential-signer';

// One per process when none is configured, so every module signs and verifies with the same key.
let generated: IssuerKey | undefined;

/** The key that signs this deployment's credentials, and where its public half is published. */
@Injectable()
export class IssuerKeyProvider {
  readonly key: IssuerKey;
  readonly issuerId: string;
  readonly verificationMethodId: string;

  constructor(config: AppConfig) {
    this.key = config.CREDENTIAL_SIGNING_KEY
      ? loadIssuerKey({ privateKeyBase64: config.CREDENTIAL_SIGNING_KEY })
      : (generated ??= generateIssuerKey());
    this.issuerId = `${config.PUBLIC_BASE_URL.replace(/\/$/, '')}/api/v1/public/issuer`;
    this.verificationMethodId = this.key.verificationMethod(this.issuerId);
  }
}
