// OCPI 2.2.1 HubClientInfo module objects (mod_hub_client_info.asciidoc).
export * from './client-info.dto';
