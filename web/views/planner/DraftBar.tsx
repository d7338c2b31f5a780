import { useTranslation } from 'react-i18next';
import type { BoundaryVersionDto } from '../../api/versions';

export type DraftBarProps = {
  versions: readonly BoundaryVersionDto[];
  draftId: number | null;
  busy: boolean;
  onPick: (id: number) => void;
  onCreate: () => void;
  onDelete: (id: number) => void;
  onPublish: () => void;
};

/** Which draft is being edited: pick one, start one from the published version, delete or publish it. */
export function DraftBar({ versions, draftId, busy, onPick, onCreate, onDelete, onPublish }: DraftBarProps) {
  const { t } = useTranslation();
  const drafts = versions.filter((v) => v.status === 'draft');
  const published = versions.find((v) => v.status === 'published');
  return (
    <section className="gs-planner-section" data-testid="planner-drafts">
      <h1 className="gs-planner-title">{t('planner.title')}</h1>
      {published && (
        <p className="gs-panel__summary">
          {t('planner.published')}：{t('planner.versionLabel', { id: published.id, name: published.name })}
        </p>
      )}
      {drafts.length === 0 ? (
        <p className="gs-panel__empty">{t('planner.noDraft')}</p>
      ) : (
        <label className="gs-planner-field">
          <span>{t('planner.draft')}</span>
          <select
            value={draftId ?? ''}
            onChange={(e) => onPick(Number(e.target.value))}
            data-testid="planner-draft-select"
          >
            {drafts.map((d) => (
              <option key={d.id} value={d.id}>
                {t('planner.versionLabel', { id: d.id, name: d.name })}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="gs-planner-actions">
        <button
          type="button"
          className="gs-planner-tool"
          disabled={busy}
          onClick={onCreate}
          data-testid="planner-new-draft"
        >
          {t('planner.newDraft')}
        </button>
        {draftId !== null && (
          <>
            <button
              type="button"
              className="gs-planner-tool"
              disabled={busy}
              onClick={() => onDelete(draftId)}
            >
              {t('planner.deleteDraft')}
            </button>
            <button
              type="button"
              className="gs-planner-tool gs-planner-tool--primary"
              disabled={busy}
              onClick={onPublish}
              data-testid="planner-publish"
            >
              {t('planner.publish.button')}
            </button>
          </>
        )}
      </div>
    </section>
  );
}
