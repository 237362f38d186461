/**
 * What the generator knows about the sample city: its departments and services (read from
 * data/), and the behaviour profile of each department that makes the data tell a story —
 * volume, seasonality, timeliness and its trend, satisfaction and digital take-up.
 */
import type { ServiceGuide } from '../../src/lib/content-schema.ts';

/** A department as data/departments.yaml gives it. */
export interface Department {
  id: string;
  name: { zh: string; en: string };
  aliases: string[];
}

/** The fields of a service guide the generator uses. */
export type Service = Pick<ServiceGuide, 'id' | 'code' | 'name' | 'department' | 'promisedLimit' | 'channels' | 'serves'>;

/** The city read from data/. */
export interface City {
  departments: Department[];
  services: Service[];
}

/** How a department behaves in the sample; unknown departments get DEFAULT_PROFILE. */
export interface Profile {
  /** Relative hotline volume. */
  hotline: number;
  /** Relative volume of each of its services at the hall. */
  hall: number;
  /** Share of cases closed late at the start of the window… */
  lateStart: number;
  /** …and at the end (linear in between): lower = improving. */
  lateEnd: number;
  /** Share of ratings below 基本满意 when on time. */
  unhappy: number;
  /** Multiplier on online and mobile take-up. */
  digital: number;
  /** Share of hotline callers who are enterprises. */
  enterprise: number;
  /** Hotline mix over 咨询, 投诉, 求助, 建议, 举报, 表扬. */
  mix: readonly [number, number, number, number, number, number];
  /** Monthly volume multipliers, January first. */
  season: readonly number[];
}

const FLAT = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];

export const DEFAULT_PROFILE: Profile = {
  hotline: 1,
  hall: 1,
  lateStart: 0.08,
  lateEnd: 0.08,
  unhappy: 0.08,
  digital: 1,
  enterprise: 0.06,
  mix: [50, 25, 10, 5, 8, 2],
  season: FLAT,
};

const P = (p: Partial<Profile>): Profile => ({ ...DEFAULT_PROFILE, ...p });

/** Profiles of the sample city's departments (ids from data/departments.yaml). */
export const PROFILES: Record<string, Profile> = {
  market: P({ hotline: 1.4, hall: 1.3, lateStart: 0.06, lateEnd: 0.03, unhappy: 0.07, digital: 1.4, enterprise: 0.25, mix: [40, 38, 5, 4, 12, 1] }),
  hrss: P({ hotline: 1.6, hall: 1.2, lateStart: 0.12, lateEnd: 0.06, unhappy: 0.09, digital: 1.1, enterprise: 0.08, mix: [58, 25, 10, 3, 3, 1], season: [1.1, 1, 1.2, 1, 1, 1.05, 1.1, 1, 1, 0.95, 1, 1.1] }),
  'healthcare-security': P({ hotline: 1.1, hall: 1, lateStart: 0.05, lateEnd: 0.04, unhappy: 0.06, digital: 1.2, mix: [70, 15, 10, 3, 1, 1] }),
  'housing-fund': P({ hotline: 0.8, hall: 1.1, lateStart: 0.03, lateEnd: 0.015, unhappy: 0.05, digital: 1.6, enterprise: 0.05, mix: [72, 14, 8, 3, 1, 2], season: [1.35, 0.9, 1, 0.95, 0.9, 0.95, 1, 0.95, 0.95, 0.9, 1.2, 1.55] }),
  'public-security': P({ hotline: 1.5, hall: 1.2, lateStart: 0.04, lateEnd: 0.05, unhappy: 0.08, digital: 0.8, enterprise: 0.02, mix: [45, 30, 12, 3, 8, 2], season: [1.15, 1.1, 0.95, 0.95, 1, 1, 1.1, 1.1, 0.95, 1, 0.95, 1] }),
  'civil-affairs': P({ hotline: 0.5, hall: 0.7, lateStart: 0.05, lateEnd: 0.03, unhappy: 0.05, digital: 0.6, enterprise: 0.02, mix: [55, 15, 22, 4, 2, 2] }),
  housing: P({ hotline: 1.2, hall: 0.8, lateStart: 0.18, lateEnd: 0.24, unhappy: 0.16, digital: 0.9, enterprise: 0.1, mix: [30, 48, 8, 4, 9, 1] }),
  taxation: P({ hotline: 0.9, hall: 1.2, lateStart: 0.03, lateEnd: 0.02, unhappy: 0.05, digital: 1.7, enterprise: 0.35, mix: [75, 12, 6, 4, 2, 1], season: [0.9, 0.8, 1.5, 1.6, 1.7, 1.5, 0.9, 0.85, 0.85, 0.8, 0.85, 0.9] }),
  transport: P({ hotline: 0.9, hall: 0.6, lateStart: 0.1, lateEnd: 0.05, unhappy: 0.1, digital: 0.9, enterprise: 0.12, mix: [35, 45, 6, 5, 7, 2], season: [1.2, 1.25, 0.95, 0.95, 1, 0.95, 1.1, 1.1, 0.95, 1.1, 0.9, 0.95] }),
  'natural-resources': P({ hotline: 0.5, hall: 0.9, lateStart: 0.22, lateEnd: 0.12, unhappy: 0.12, digital: 0.8, enterprise: 0.15, mix: [50, 25, 10, 3, 11, 1] }),
  education: P({ hotline: 0.9, hall: 0.8, lateStart: 0.07, lateEnd: 0.07, unhappy: 0.08, digital: 1.3, enterprise: 0.02, mix: [60, 25, 8, 4, 2, 1], season: [0.7, 0.6, 0.9, 1.6, 2.2, 2.4, 2.0, 1.4, 1.1, 0.7, 0.7, 0.7] }),
  ecology: P({ hotline: 0.8, hall: 0.5, lateStart: 0.09, lateEnd: 0.13, unhappy: 0.13, digital: 1, enterprise: 0.2, mix: [15, 50, 4, 4, 26, 1], season: [0.7, 0.6, 0.85, 0.95, 1.1, 1.4, 1.6, 1.6, 1.2, 0.9, 0.8, 0.7] }),
  health: P({ hotline: 1, hall: 0.8, lateStart: 0.06, lateEnd: 0.05, unhappy: 0.1, digital: 1, enterprise: 0.04, mix: [50, 32, 8, 4, 4, 2], season: [1.15, 1.05, 1, 0.95, 0.95, 0.95, 1, 1, 0.95, 0.95, 1, 1.1] }),
  'urban-management': P({ hotline: 1.7, hall: 0.5, lateStart: 0.15, lateEnd: 0.09, unhappy: 0.15, digital: 0.7, enterprise: 0.08, mix: [12, 55, 8, 5, 19, 1], season: [0.75, 0.65, 0.9, 1, 1.15, 1.45, 1.65, 1.6, 1.15, 0.95, 0.8, 0.75] }),
};

/** The profile of a department. */
export function profileOf(department: string): Profile {
  return PROFILES[department] ?? DEFAULT_PROFILE;
}

/** City-wide monthly pattern, January first (post-holiday peak in March). */
export const CITY_SEASON = [1, 0.92, 1.15, 1.05, 1, 1, 1, 0.97, 1, 0.92, 1, 1.05];
