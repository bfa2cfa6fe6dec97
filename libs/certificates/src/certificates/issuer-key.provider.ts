import { Injectable } from '@nestjs/common';
import { AppConfig } from '@qualcert/shared';
import { generateIssuerKey, IssuerKey, loadIssuerKey } from '../credentials/credential-signer';

// One per process when none is configured, so every module signs and verifies with the same key.
let generated: IssuerKey | undefined;

/**
 * The key that signs this deployment's credentials, and where its public half is published. The
 * platform holds one key and signs for every centre; each centre is an issuer profile of its own
 * (docs/CREDENTIALS.md).
 */
@Injectable()
export class IssuerKeyProvider {
  readonly key: IssuerKey;
  /** The platform's controller document, which publishes the key. */
  readonly issuerId: string;
  readonly verificationMethodId: string;
  private readonly base: string;

  constructor(config: AppConfig) {
    this.key = config.CREDENTIAL_SIGNING_KEY
      ? loadIssuerKey({ privateKeyBase64: config.CREDENTIAL_SIGNING_KEY })
      : (generated ??= generateIssuerKey());
    this.base = config.PUBLIC_BASE_URL.replace(/\/$/, '');
    this.issuerId = `${this.base}/api/v1/public/issuer`;
    this.verificationMethodId = this.key.verificationMethod(this.issuerId);
  }

  /** A centre's issuer profile: the `issuer.id` of the credentials it issues. */
  centreIssuerId(centreCode: string): string {
    return `${this.base}/api/v1/public/issuers/${encodeURIComponent(centreCode)}`;
  }
}
