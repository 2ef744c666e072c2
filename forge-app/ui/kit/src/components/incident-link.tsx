// An incident's key, linking to its page in the Firewatch console inside Jira (the app's global page); plain text
// while the service cannot tell that page's address (it learns the site's URL from the app's first call).
import { Link, Text } from "@forge/react";
import type { IncidentSummary } from "../answer";

export function IncidentLink({ incident }: { incident: Pick<IncidentSummary, "key" | "url"> }) {
  return incident.url ? (
    <Link href={incident.url} openNewTab>
      {incident.key}
    </Link>
  ) : (
    <Text>{incident.key}</Text>
  );
}
