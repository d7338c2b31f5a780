import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type PartyChecklistDto,
  type PartyGridDto,
  type PartyNeedDto,
  usePartyNeeds,
  usePartyTier,
  usePartyTree,
} from '../../api/party';
import { PARTY_COLORS } from '../../theme/theme';
import { organisationRows, type UnitMember } from './party-data';

/** Members shown per unit; the rest are counted. Leading roles first. */
const MEMBERS_SHOWN = 3;
const NEEDS_SHOWN = 6;
const LEADING_ROLES = ['secretary', 'grid_head', 'building_head', 'household_head'];

type Member = UnitMember;

function leadingFirst(members: readonly Member[]): Member[] {
  const rank = (m: Member) => {
    const ranks = m.roles.map((r) => LEADING_ROLES.indexOf(r.role)).filter((i) => i >= 0);
    return ranks.length > 0 ? Math.min(...ranks) : LEADING_ROLES.length;
  };
  return [...members].sort((a, b) => rank(a) - rank(b) || a.id - b.id);
}

function Checklist({ checklist }: { checklist: PartyChecklistDto }) {
  const { t } = useTranslation();
  return (
    <section
      data-testid="party-checklist"
      data-missing={checklist.missing.join(',')}
      data-complete={String(checklist.complete)}
    >
      <h2 className="gs-panel__heading">
        {t('party.panel.fiveHaves')} ·{' '}
        {checklist.complete
          ? t('party.panel.complete')
          : t('party.panel.missingCount', { count: checklist.missing.length })}
      </h2>
      <ul className="gs-party-checklist">
        {checklist.items.map((item) => (
          <li
            key={item.item}
            data-item={item.item}
            data-present={String(item.present)}
            className={item.present ? 'is-present' : 'is-missing'}
          >
            <span className="gs-party-checklist__mark" aria-hidden="true">
              {item.present ? '✓' : '✗'}
            </span>
            <span className="gs-party-checklist__name">{t(`party.fiveHave.${item.item}`)}</span>
            <span className="gs-party-checklist__meta">
              {item.present
                ? item.since
                  ? t('party.panel.since', { date: item.since })
                  : t('party.panel.present')
                : t('party.panel.missing')}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Organisation({ code }: { code: string }) {
  const { t } = useTranslation();
  const tree = usePartyTree(code);
  if (!tree.data) return null;
  const rows = organisationRows(tree.data.above, tree.data.units);
  return (
    <section data-testid="party-organisation">
      <h2 className="gs-panel__heading">{t('party.panel.chain')}</h2>
      {tree.data.units.length === 0 && <p className="gs-panel__empty">{t('party.panel.noUnits')}</p>}
      <ol className="gs-party-chain">
        {rows.map(({ unit, depth }) => {
          const members = leadingFirst(unit.members);
          const rest = members.length - MEMBERS_SHOWN;
          return (
            <li key={unit.id} data-kind={unit.kind} style={{ '--depth': depth } as CSSProperties}>
              <span className="gs-party-chain__kind">{t(`party.unitKind.${unit.kind}`)}</span>
              <span className="gs-party-chain__name">{unit.name}</span>
              {members.length > 0 && (
                <span className="gs-party-chain__members">
                  {members
                    .slice(0, MEMBERS_SHOWN)
                    .map(
                      (m) =>
                        `${m.name}（${m.roles.map((r) => t(`party.role.${r.role}`, { defaultValue: r.role })).join('、')}）`,
                    )
                    .join(' ')}
                  {rest > 0 && ` ${t('party.panel.more', { count: rest })}`}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function InService({ figures }: { figures: PartyGridDto['inService'] }) {
  const { t, i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  return (
    <section data-testid="party-in-service">
      <h2 className="gs-panel__heading">{t('party.panel.inService')}</h2>
      <dl className="gs-facts gs-party-facts">
        <div>
          <dt>{t('party.panel.registered')}</dt>
          <dd>{format.format(figures.registeredMembers)}</dd>
        </div>
        <div>
          <dt>{t('party.panel.active')}</dt>
          <dd>{format.format(figures.activeMembers)}</dd>
        </div>
        <div>
          <dt>{t('party.panel.hoursThisMonth')}</dt>
          <dd data-testid="party-hours">
            {t('party.panel.hours', { hours: format.format(figures.hoursThisMonth) })}
          </dd>
        </div>
      </dl>
    </section>
  );
}

function Needs({ code }: { code: string }) {
  const { t } = useTranslation();
  const needs = usePartyNeeds(code);
  const list: PartyNeedDto[] = needs.data?.needs ?? [];
  const claimed = list.filter((n) => n.resourceId !== null).length;
  // Unmatched first: they are what the grid still has to find a resource for.
  const ordered = [...list].sort((a, b) => Number(a.resourceId !== null) - Number(b.resourceId !== null));
  return (
    <section data-testid="party-needs" data-claimed={claimed} data-total={list.length}>
      <h2 className="gs-panel__heading">
        {t('party.panel.needs')} · {t('party.panel.claimedCount', { claimed, total: list.length })}
      </h2>
      {needs.data && list.length === 0 && <p className="gs-panel__empty">{t('party.panel.noNeeds')}</p>}
      <ul className="gs-party-needs">
        {ordered.slice(0, NEEDS_SHOWN).map((n) => (
          <li key={n.id} data-status={n.resourceId !== null ? 'claimed' : 'unmatched'}>
            <span className="gs-party-needs__category">
              {t(`party.needCategory.${n.category}`, { defaultValue: n.category })}
            </span>
            <span className="gs-party-needs__what" title={n.description}>
              {n.description}
            </span>
            <span className="gs-party-needs__status">
              {n.resourceId !== null ? t('party.panel.claimed') : t('party.panel.unmatched')}
            </span>
          </li>
        ))}
      </ul>
      {list.length > NEEDS_SHOWN && (
        <p className="gs-panel__empty">{t('party.panel.more', { count: list.length - NEEDS_SHOWN })}</p>
      )}
    </section>
  );
}

const PANEL_COLORS = {
  '--gs-party-present': PARTY_COLORS.present,
  '--gs-party-missing': PARTY_COLORS.missing,
} as CSSProperties;

/** A level-3 grid's party organisation: five-haves checklist, chain with roles, 双报到 figures, needs. */
export function PartyPanel({ code }: { code: string }) {
  const { t } = useTranslation();
  const tier = usePartyTier(3);
  const row = tier.data?.grids.find((g) => g.code === code);
  return (
    <aside
      className="gs-panel gs-card gs-party-panel"
      style={PANEL_COLORS}
      data-testid="party-panel"
      data-grid={code}
    >
      <p className="gs-panel__kicker">{t('party.title')}</p>
      {tier.error && (
        <p className="gs-panel__empty">{t('party.panel.loadFailed', { message: tier.error.message })}</p>
      )}
      {row?.checklist && <Checklist checklist={row.checklist} />}
      <Organisation code={code} />
      {row && <InService figures={row.inService} />}
      <Needs code={code} />
    </aside>
  );
}

/** Shown with the organisation layer before a unit grid is selected. */
export function PartyHint() {
  const { t } = useTranslation();
  return (
    <aside className="gs-panel gs-card gs-party-hint" data-testid="party-hint">
      <p className="gs-panel__kicker">{t('party.title')}</p>
      <p className="gs-panel__summary">{t('party.panel.hint')}</p>
    </aside>
  );
}
