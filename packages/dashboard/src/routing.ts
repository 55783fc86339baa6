import { useHashLocation } from "wouter-preact/use-hash-location";

/*
 * Routes live in the URL's hash, query included (`#/new?type=image_to_video`): the same build then
 * works under any path (/ui/ locally, a CDN's root in AWS) with no server-side fallback, and a
 * route with its filters can be reloaded or shared. (wouter's own hash hook puts the query in
 * location.search, outside the hash.)
 */

const split = (route: string) => {
  const at = route.indexOf("?");
  return at === -1 ? { path: route, search: "" } : { path: route.slice(0, at), search: route.slice(at + 1) };
};

function navigate(to: string, options: { replace?: boolean } = {}): void {
  const hash = `#${to.startsWith("/") ? to : `/${to}`}`;
  if (options.replace) window.location.replace(hash);
  else window.location.hash = hash;
}

/** wouter's location hook: the hash's path part. */
export function useHashRoute(): [string, typeof navigate] {
  const [route] = useHashLocation();
  return [split(route).path || "/", navigate];
}
useHashRoute.hrefs = (href: string) => `#${href}`;

/** wouter's search hook: the hash's query part. */
export function useHashSearch(): string {
  const [route] = useHashLocation();
  return split(route).search;
}
