import { dashboardCsp } from "../packages/dashboard/csp";
import { api } from "./api";
import { media } from "./storage";

/*
 * The dashboard (packages/dashboard): a static site on S3 + CloudFront, built by `sst deploy` with
 * the API's URL baked in. Its CSP names the API and the media bucket (uploads are PUT there, results
 * read from there through presigned URLs) and nothing else; CloudFront adds it to every answer.
 */

const region = aws.getRegionOutput().name;
/** Presigned URLs name the bucket's regional endpoint; the global one is allowed for us-east-1. */
const mediaOrigins = $interpolate`https://${media.name}.s3.${region}.amazonaws.com https://${media.name}.s3.amazonaws.com`;
const apiOrigin = api.url.apply((url) => new URL(url).origin);

export const contentSecurityPolicy = $resolve([apiOrigin, mediaOrigins]).apply(([origin, mediaSources]) =>
  dashboardCsp({ api: origin, media: mediaSources }),
);

/** Headers CloudFront adds to every answer of the site (a viewer-response function). */
const securityHeaders = contentSecurityPolicy.apply((csp) =>
  Object.entries({
    "content-security-policy": csp,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
  })
    .map(
      ([name, value]) =>
        `event.response.headers[${JSON.stringify(name)}] = { value: ${JSON.stringify(value)} };`,
    )
    .join("\n"),
);

export const dashboard = new sst.aws.StaticSite("Dashboard", {
  path: "packages/dashboard",
  build: { command: "npx vite build", output: "dist" },
  environment: { VITE_PIXPIPE_API_URL: api.url },
  // Vite names assets by their content: cached for good; index.html is revalidated (SST's default).
  edge: { viewerResponse: { injection: securityHeaders } },
  dev: false,
});
