// Links to the console inside Jira. The console is the Forge app's Jira global page (manifest.yml `jira:globalPage`
// firewatch-console), which Jira serves at https://<site>/jira/apps/<appId>/<environmentId>
// (https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-global-page/); what follows is the
// page's own route, which the console reads through @forge/bridge's view.createHistory()
// (https://developer.atlassian.com/platform/forge/add-routing-to-a-full-page-app/). A Forge site's people sign in
// to Jira, never to the standalone console, so links shown to them must lead there.

/** An app's ARI, as the invocation token's `app.id` has it: this prefix and the app's id. */
const APP_ARI_PREFIX = "ari:cloud:ecosystem::app/";

/** The global page of one Forge environment of the app on one site. */
export interface GlobalPage {
  /** The site as people open it: https://acme.atlassian.net. */
  readonly siteUrl: string;
  /** The app's id or ARI (ari:cloud:ecosystem::app/<id>), as the invocation token names it. */
  readonly appId: string;
  /** The Forge environment the call came from (the token's `app.environment.id`): each has its own page. */
  readonly environmentId: string;
}

/** The console page at `path` ("/incidents/INC-4"; "" for its start) on the site's global page. */
export function globalPageUrl(page: GlobalPage, path = ""): string {
  const appId = page.appId.startsWith(APP_ARI_PREFIX) ? page.appId.slice(APP_ARI_PREFIX.length) : page.appId;
  const base = `${page.siteUrl.replace(/\/+$/, "")}/jira/apps/${encodeURIComponent(appId)}/${encodeURIComponent(page.environmentId)}`;
  return path ? `${base}/${path.replace(/^\/+/, "")}` : base;
}

/** The console's page of one incident (its route in forge-app/ui/console/src/app.tsx). */
export function incidentPath(key: string): string {
  return `/incidents/${encodeURIComponent(key)}`;
}
