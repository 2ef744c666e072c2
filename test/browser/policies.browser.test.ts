// The Escalation policies and Teams pages in Chromium, against the real service on PGlite: people and a schedule
// made over the API, then in the console a team, a two-level policy (a person, then the team, repeated once) with a
// refused save shown beside its field, the policy listed, a delay edited, a delete refused because a service uses
// the policy (the API's message shown), and the stored policy checked over the API. Writes
// docs/screenshots/escalation-policies.png, escalation-policy-form.png and teams.png.
import { describe, expect, it } from "vitest";
import { accessibilityViolations, gone, horizontalOverflow, screenshot, seen } from "./support/browser.ts";
import { useConsoleWorld } from "./support/console-world.ts";

describe("escalation policies and teams in the console", () => {
  const w = useConsoleWorld();
  const { call, open } = w;
  const person = (name: string) =>
    call("POST", "/api/users", { name, email: `${name.split(" ")[0]!.toLowerCase()}@example.com` });

  it("creates a team and a two-level policy, edits a delay, and shows why a policy in use cannot be deleted", async () => {
    const [alice, bob, carol] = [await person("Alice Adams"), await person("Bob Brown"), await person("Carol Chen")];
    await call("POST", "/api/schedules", {
      name: "Primary",
      timeZone: "UTC",
      layers: [{ users: [carol.id], rotation: { type: "weekly", shiftLength: 1, start: "2020-01-06T09:00" } }],
    });

    // A team of Alice and Bob, made on /teams.
    const { page, errors } = await open("/teams");
    await seen(page.getByRole("heading", { level: 1, name: "Teams" }), "the Teams page");
    await page.getByRole("button", { name: "New team" }).click();
    const teamForm = page.getByRole("form", { name: "New team" });
    await teamForm.getByLabel("Team name").fill("Payments team");
    await teamForm.getByRole("checkbox", { name: "Alice Adams" }).check();
    await teamForm.getByRole("checkbox", { name: "Bob Brown" }).check();
    await teamForm.getByRole("button", { name: "Create team" }).click();
    const teams = page.getByRole("table", { name: "Teams" });
    await seen(teams.getByRole("row").filter({ hasText: "Payments team" }).getByText("Alice Adams, Bob Brown"), "team");
    await gone(teamForm, "the closed team form");
    const [team] = (await call("GET", "/api/teams")).teams;
    expect(team).toMatchObject({ name: "Payments team", members: [alice.id, bob.id] });
    await page.mouse.move(0, 0);
    await screenshot(page, "teams");
    expect(await accessibilityViolations(page)).toEqual([]);

    // A policy: level 1 pages Alice, level 2 the team, repeated once.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Escalation policies" }).click();
    await seen(page.getByRole("heading", { level: 1, name: "Escalation policies" }), "the policies page");
    expect(page.url()).toBe(`${w.svc.url}/escalation-policies`);
    await page.getByRole("button", { name: "New policy" }).click();
    const form = page.getByRole("form", { name: "New escalation policy" });
    await form.getByLabel("Name").fill("Checkout on-call");
    await form.getByLabel("Repeat").fill("1");
    const level1 = form.getByRole("group", { name: "Level 1" });
    await level1.getByLabel("Escalates after (minutes)").fill("5");
    await level1.getByLabel("Target").selectOption({ label: "Alice Adams" });
    await level1.getByRole("button", { name: "Add target to Level 1" }).click();
    await seen(level1.getByRole("list", { name: "Targets of Level 1" }).getByText("Alice Adams"), "Alice's chip");
    await form.getByRole("button", { name: "Add level" }).click();
    const level2 = form.getByRole("group", { name: "Level 2" });
    await level2.getByLabel("Escalates after (minutes)").fill("10");
    // Saved with no target on level 2, the API's refusal shows beside that level's target picker.
    await form.getByRole("button", { name: "Create policy" }).click();
    await seen(level2.getByRole("alert"), "the refusal beside level 2's targets");
    expect(await level2.getByLabel("Target").getAttribute("aria-invalid")).toBe("true");
    await level2.getByLabel("Target").selectOption({ label: "Payments team" });
    await level2.getByRole("button", { name: "Add target to Level 2" }).click();
    // Reordered and back: the levels swap with their delays and targets.
    await level1.getByRole("button", { name: "Move down Level 1" }).click();
    await seen(level2.getByRole("list", { name: "Targets of Level 2" }).getByText("Alice Adams"), "Alice moved down");
    expect(await level1.getByLabel("Escalates after (minutes)").inputValue()).toBe("10");
    await level2.getByRole("button", { name: "Move up Level 2" }).click();
    await seen(level1.getByRole("list", { name: "Targets of Level 1" }).getByText("Alice Adams"), "Alice back up");
    await form.getByRole("button", { name: "Create policy" }).click();
    await gone(form, "the closed policy form");

    const card = page.getByRole("article", { name: "Checkout on-call" });
    const levels = card.getByRole("list", { name: "Levels of Checkout on-call" });
    await seen(levels.getByText("Level 1 — Alice Adams — escalates after 5 min"), "level 1 listed");
    await seen(levels.getByText("Level 2 — Team: Payments team — escalates after 10 min"), "level 2 listed");
    await seen(card.getByText("Repeats 1 time"), "the repeat count");

    // Edit: level 2 now escalates after 15 minutes.
    await card.getByRole("button", { name: "Edit Checkout on-call" }).click();
    const edit = page.getByRole("form", { name: "Edit Checkout on-call" });
    await edit.getByRole("group", { name: "Level 2" }).getByLabel("Escalates after (minutes)").fill("15");
    await page.mouse.move(0, 0);
    await screenshot(page, "escalation-policy-form", { of: page.locator(".policy-editor") });
    await edit.getByRole("button", { name: "Save policy" }).click();
    await gone(edit, "the closed edit form");
    await seen(levels.getByText("Level 2 — Team: Payments team — escalates after 15 min"), "the edited delay");

    // A service put on the policy over the API (seen after a reload): deleting it is refused, with the API's message naming the service.
    await call("POST", "/api/services", { name: "Checkout", escalationPolicyId: (await policies())[0].id });
    await page.reload();
    await seen(card.getByText("Checkout", { exact: true }), "the service using the policy");
    await card.getByRole("button", { name: "Delete Checkout on-call" }).click();
    await card
      .getByRole("group", { name: "Confirm deleting Checkout on-call" })
      .getByRole("button", { name: "Delete for good" })
      .click();
    await seen(card.getByRole("alert").filter({ hasText: /used by service "Checkout"/ }), "the 409 message");

    const stored = await policies();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      name: "Checkout on-call",
      repeat: 1,
      levels: [
        { delayMinutes: 5, targets: [{ type: "user", id: alice.id }] },
        { delayMinutes: 15, targets: [{ type: "team", id: team.id }] },
      ],
      services: [{ name: "Checkout" }],
    });

    await page.mouse.move(0, 0);
    await page.waitForLoadState("networkidle");
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, "escalation-policies");

    // The team is a target of the policy: its delete is refused too, with the API's message naming the policy.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Teams" }).click();
    await teams.getByRole("button", { name: "Delete Payments team" }).click();
    await teams.getByRole("button", { name: "Delete for good" }).click();
    await seen(teams.getByRole("alert").filter({ hasText: /policy "Checkout on-call"/ }), "the team's 409 message");
    expect((await call("GET", "/api/teams")).teams).toHaveLength(1);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("fits a phone: the policy list and its editor do not overflow sideways", async () => {
    const { page, errors } = await open("/escalation-policies", { width: 390, height: 844 });
    const card = page.getByRole("article", { name: "Checkout on-call" });
    await card.getByRole("button", { name: "Edit Checkout on-call" }).click();
    await seen(
      page.getByRole("form", { name: "Edit Checkout on-call" }).getByRole("group", { name: "Level 2" }),
      "form",
    );
    const { overflow, culprits } = await horizontalOverflow(page);
    expect({ overflow: Math.max(0, overflow), culprits }).toEqual({ overflow: 0, culprits: [] });
    await page.goto(`${w.svc.url}/teams`);
    await seen(page.getByRole("table", { name: "Teams" }), "the teams on a phone");
    const teams = await horizontalOverflow(page);
    expect({ overflow: Math.max(0, teams.overflow), culprits: teams.culprits }).toEqual({ overflow: 0, culprits: [] });
    expect(errors).toEqual([]);
  });

  const policies = async () => (await call("GET", "/api/escalation-policies")).policies;
});
