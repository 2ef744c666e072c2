import type { Service } from "../../domain/service.ts";
import type { NewServiceRecord, ServiceRepository } from "../../ports/repositories.ts";
import { DuplicatePersistenceError, uniqueViolation } from "./errors.ts";
import { byName } from "./keyset.ts";
import { Prisma } from "./generated/client.ts";
import {
  fromCallRouting,
  fromConversationDefaults,
  fromCrisisDefaults,
  fromTicketDefaults,
  toService,
} from "./mappers.ts";

type Db = Prisma.TransactionClient;

const drillScheduleColumn = (s: Service["drillSchedule"] | undefined) => (s ? { ...s } : Prisma.DbNull);

export function serviceRepository(db: Db): ServiceRepository {
  return {
    async insert(service: NewServiceRecord) {
      const { tickets, conversation, crisis, callRouting, drillSchedule, ...rest } = service;
      const data = {
        ...rest,
        callRouting: fromCallRouting(callRouting ?? null),
        drillSchedule: drillScheduleColumn(drillSchedule),
        ...fromTicketDefaults(tickets),
        ...fromConversationDefaults(conversation),
        ...fromCrisisDefaults(crisis),
      };
      return toService(await nameIsFree(() => db.service.create({ data }), service.name));
    },
    async update(service: Service) {
      const {
        id,
        tenantId: _tenant,
        createdAt: _created,
        integrationKey: _key,
        tickets,
        conversation,
        crisis,
        callRouting,
        drillSchedule,
        ...changes
      } = service;
      const data = {
        ...changes,
        callRouting: fromCallRouting(callRouting),
        drillSchedule: drillScheduleColumn(drillSchedule),
        ...fromTicketDefaults(tickets),
        ...fromConversationDefaults(conversation),
        ...fromCrisisDefaults(crisis),
      };
      return toService(await nameIsFree(() => db.service.update({ where: { id }, data }), service.name));
    },
    async delete(tenantId, id) {
      await db.service.deleteMany({ where: { id, tenantId } });
    },
    async findById(tenantId, id) {
      const row = await db.service.findFirst({ where: { id, tenantId } });
      return row && toService(row);
    },
    async get(id) {
      const row = await db.service.findUnique({ where: { id } });
      return row && toService(row);
    },
    async findByIntegrationKey(key) {
      const row = await db.service.findUnique({ where: { integrationKey: key } });
      return row && toService(row);
    },
    async list(tenantId) {
      return (await db.service.findMany({ where: { tenantId }, orderBy: { name: "asc" } })).map(toService);
    },
    async page(tenantId, page) {
      const { where, ...rest } = byName(page);
      return (await db.service.findMany({ where: { tenantId, ...where }, ...rest })).map(toService);
    },
    async hasIncidents(id) {
      return (await db.incident.count({ where: { serviceId: id }, take: 1 })) > 0;
    },
  };
}

async function nameIsFree<T>(write: () => Promise<T>, name: string): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (uniqueViolation(error)) {
      throw new DuplicatePersistenceError(
        "SERVICE.NAME_TAKEN",
        `A service named ${JSON.stringify(name)} already exists.`,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
}
