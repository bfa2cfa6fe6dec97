export * from './certificates.module';
export * from './certificates-worker.module';
export * from './certificates/certificate.entity';
export * from './certificates/certificates.service';
export * from './certificates/certificate-contents';
export * from './certificates/verification-code';
export * from './certificates/verification-url';
