// No placeholders on purpose: a stage does not deploy until both are set with `sst secret set`.
export const pixverseApiKey = new sst.Secret("PixverseApiKey");
export const pixverseWebhookSecret = new sst.Secret("PixverseWebhookSecret");

/**
 * The webhook secret being rotated out: deliveries signed with it are still accepted while it is set
 * (docs/deploy.md, "Rotating secrets"). Empty means no rotation is under way.
 */
export const pixverseWebhookSecretPrevious = new sst.Secret("PixverseWebhookSecretPrevious", "");
