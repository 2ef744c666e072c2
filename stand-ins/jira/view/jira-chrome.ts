// Where the Jira pages live under <base>/_view/ and the frame around them:
//   /                       the projects, recently updated issues and a link to create one
//   /projects/<KEY>         a project's issues, most recently updated first
//   /create                 the Create issue form (POST: creates it)
//   /issues/<KEY>           one issue (POST …/comment, …/transition, …/labels, …/labels/remove)
import { documentHtml, type Chrome } from "../../common/view/layout.ts";
import type { Html } from "../../common/view/html.ts";
import type { ViewPaths } from "../../common/view/view-server.ts";

export class JiraLinks {
  constructor(readonly paths: ViewPaths) {}

  home(): string {
    return this.paths.href("/");
  }

  project(key: string): string {
    return this.paths.href(`/projects/${encodeURIComponent(key)}`);
  }

  issue(key: string, action = ""): string {
    return this.paths.href(`/issues/${encodeURIComponent(key)}${action}`);
  }

  create(project?: string): string {
    return this.paths.href(`/create${project ? `?project=${encodeURIComponent(project)}` : ""}`);
  }

  chrome(): Chrome {
    return {
      paths: this.paths,
      vendor: "Jira",
      theme: "jira",
      nav: [
        { label: "Projects", href: this.home() },
        { label: "Create issue", href: this.create() },
      ],
    };
  }

  page(title: string, main: Html, current?: string): string {
    return documentHtml(this.chrome(), title, main, current);
  }
}
