/* Hand-maintained in the format `sst deploy` / `sst dev` generate (they would overwrite it; neither */
/* runs offline). infra-test checks that it declares exactly the resources linked to the functions. */
/* tslint:disable */
/* eslint-disable */
/* deno-fmt-ignore-file */

import "sst"
export {}
declare module "sst" {
  export interface Resource {
    "ArchiveQueue": {
      "type": "sst.aws.Queue"
      "url": string
    }
    "JobEvents": {
      "type": "sst.aws.Queue"
      "url": string
    }
    "Media": {
      "name": string
      "type": "sst.aws.Bucket"
    }
    "PixverseApiKey": {
      "type": "sst.sst.Secret"
      "value": string
    }
    "PixverseWebhookSecret": {
      "type": "sst.sst.Secret"
      "value": string
    }
    "PixverseWebhookSecretPrevious": {
      "type": "sst.sst.Secret"
      "value": string
    }
    "Table": {
      "name": string
      "type": "sst.aws.Dynamo"
    }
    "WebhookDeliveries": {
      "type": "sst.aws.Queue"
      "url": string
    }
  }
}
