-- CreateTable
CREATE TABLE "escalation_rules" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "jql" TEXT NOT NULL,
    "service_id" UUID NOT NULL,
    "severity" "Severity",
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "auto_resolve" BOOLEAN NOT NULL DEFAULT true,
    "max_fires" INTEGER NOT NULL DEFAULT 20,
    "window_minutes" INTEGER NOT NULL DEFAULT 10,
    "disabled_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "escalation_rules_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rule_issue_states" (
    "rule_id" UUID NOT NULL,
    "issue_id" TEXT NOT NULL,
    "matching" BOOLEAN NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rule_issue_states_pkey" PRIMARY KEY ("rule_id","issue_id")
);

-- CreateTable
CREATE TABLE "rule_firings" (
    "id" BIGSERIAL NOT NULL,
    "rule_id" UUID NOT NULL,
    "issue_id" TEXT NOT NULL,
    "fired_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rule_firings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "escalation_rules_tenant_id_enabled_idx" ON "escalation_rules"("tenant_id", "enabled");

-- CreateIndex
CREATE INDEX "rule_firings_rule_id_fired_at_idx" ON "rule_firings"("rule_id", "fired_at");

-- AddForeignKey
ALTER TABLE "rule_issue_states" ADD CONSTRAINT "rule_issue_states_rule_id_fkey" FOREIGN KEY ("rule_id") REFERENCES "escalation_rules"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rule_firings" ADD CONSTRAINT "rule_firings_rule_id_fkey" FOREIGN KEY ("rule_id") REFERENCES "escalation_rules"("id") ON DELETE CASCADE ON UPDATE CASCADE;
