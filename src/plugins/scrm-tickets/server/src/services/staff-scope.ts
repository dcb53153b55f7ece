import type { Core } from '@strapi/strapi';
import { AGENT_UID, REGION_UID } from '../constants';
import { createConfigCache } from '../utils/config-cache';
import { SUPER_ADMIN_CODE } from '../workflow/types';

export interface RegionNode {
  id: number;
  code: string;
  name?: string;
  parentId: number | null;
}

/** The ids of the regions with these codes and of every region under them. */
export function subtreeIds(regions: RegionNode[], codes: string[]): number[] {
  const children = new Map<number, number[]>();
  for (const r of regions) if (r.parentId !== null) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r.id]);
  const out = new Set<number>();
  const stack = regions.filter((r) => codes.includes(r.code)).map((r) => r.id);
  while (stack.length) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return [...out];
}

/**
 * Which tickets an admin user may see: all of them for super admins and for staff without
 * regions on their agent profile (finance, administrators); for agents and managers with regions
 * (上海, 杭州西湖店 …), the tickets of those regions and the regions under them, plus tickets not
 * yet placed in any region (everyone's to triage). Worked out once per request.
 */
const createStaffScopeService = ({ strapi }: { strapi: Core.Strapi }) => {
  const tree = createConfigCache(strapi, REGION_UID, async () =>
    ((await strapi.db.query(REGION_UID as any).findMany({ select: ['id', 'code', 'name'], populate: { parent: { select: ['id'] } } })) as any[]).map(
      (r): RegionNode => ({ id: r.id, code: r.code, name: r.name, parentId: r.parent?.id ?? null })
    )
  );
  return {
    /** After a region is written on this instance (middlewares/staff-scope.ts): the next read rebuilds the tree. */
    invalidate: () => tree.invalidate(),

    /** Every region (id, code, name, parent), from the cache. */
    regions: (): Promise<RegionNode[]> => tree.get(),

    /** The ids of the region with this code and those under it; null when no region has the code. */
    async subtree(code: string): Promise<number[] | null> {
      const regions = await tree.get();
      return regions.some((r) => r.code === code) ? subtreeIds(regions, [code]) : null;
    },

    /** Region ids the current request's admin is confined to; null: not confined. */
    async regionIds(): Promise<number[] | null> {
      const ctx = strapi.requestContext.get() as any;
      const auth = ctx?.state?.auth;
      if (auth?.strategy?.name !== 'admin' || !auth.credentials) return null;
      if (ctx.state.scrmRegionIds !== undefined) return ctx.state.scrmRegionIds;
      const user = auth.credentials;
      let ids: number[] | null = null;
      if (!(user.roles ?? []).some((r: any) => r.code === SUPER_ADMIN_CODE)) {
        const profile: any = await strapi.db.query(AGENT_UID as any).findOne({ where: { user: { id: user.id } }, select: ['regions'] });
        const codes = Array.isArray(profile?.regions) ? profile.regions.filter((c: unknown): c is string => typeof c === 'string') : [];
        if (codes.length) ids = subtreeIds(await tree.get(), codes);
      }
      ctx.state.scrmRegionIds = ids;
      return ids;
    },
  };
};

export type StaffScopeService = ReturnType<typeof createStaffScopeService>;
export default createStaffScopeService;
