import { describe, expect, it } from "vitest";
import { globalPageUrl, incidentPath } from "./global-page.ts";

describe("links to the console as the app's Jira global page", () => {
  const page = {
    siteUrl: "https://acme.atlassian.net",
    appId: "ari:cloud:ecosystem::app/4f5c2f0e-8a1b-4c3d-9e7f-0a1b2c3d4e5f",
    environmentId: "a7c4d6f8-0000-4000-8000-00000000e001",
  };

  it("is /jira/apps/<appId>/<environmentId> on the site, the app named by its id, not its ARI", () => {
    expect(globalPageUrl(page)).toBe(
      "https://acme.atlassian.net/jira/apps/4f5c2f0e-8a1b-4c3d-9e7f-0a1b2c3d4e5f/a7c4d6f8-0000-4000-8000-00000000e001",
    );
    expect(
      globalPageUrl({ ...page, appId: "4f5c2f0e-8a1b-4c3d-9e7f-0a1b2c3d4e5f", siteUrl: "https://acme.atlassian.net/" }),
    ).toBe(globalPageUrl(page));
  });

  it("carries the console's route after it: an incident opens at /incidents/<key>", () => {
    expect(globalPageUrl(page, incidentPath("INC-42"))).toBe(`${globalPageUrl(page)}/incidents/INC-42`);
    expect(incidentPath("INC/../x")).toBe("/incidents/INC%2F..%2Fx");
  });
});
