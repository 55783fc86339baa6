export { DynamoNonceStore, NONCE_RESERVATION_LEASE_SECONDS } from "./nonce-store";
