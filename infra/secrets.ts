// No placeholders on purpose: a stage does not deploy until both are set with `sst secret set`.
export const pixverseApiKey = new sst.Secret("PixverseApiKey");
export const pixverseWebhookSecret = new sst.Secret("PixverseWebhookSecret");
