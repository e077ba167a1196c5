// OCPI 2.2.1 party plumbing shared by ocpi-cpo and ocpi-emsp: partner registry, credentials and
// versions, Token authentication, the response envelope, the outbound client and push delivery.
export {};
