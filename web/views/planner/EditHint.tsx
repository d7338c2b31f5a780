import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { EditNotice, PlannerTool } from './use-planner-editor';

export type EditHintProps = {
  tool: PlannerTool;
  selectedLabel: string | null;
  notice: EditNotice;
  splitReady: boolean;
  mergeReady: boolean;
  onFinishSplit: () => void;
  onMerge: () => void;
  onCancel: () => void;
};

function hintKey(tool: PlannerTool, hasSelection: boolean): string {
  if (tool === 'split') return hasSelection ? 'planner.hint.split' : 'planner.hint.splitNoGrid';
  return tool === 'merge' ? 'planner.hint.merge' : 'planner.hint.select';
}

function noticeText(notice: EditNotice, t: TFunction): string | null {
  if (!notice) return null;
  if (notice.kind === 'saving') return t('planner.hint.saving');
  if (notice.kind === 'stale') return t('planner.hint.stale');
  return t('planner.hint.failed', { message: notice.message });
}

/** What the current tool expects next, the selection, the last edit's outcome and the tool's buttons. */
export function EditHint(p: EditHintProps) {
  const { t } = useTranslation();
  const text = noticeText(p.notice, t);
  return (
    <div className="gs-planner-hint gs-card" data-testid="planner-hint">
      {p.selectedLabel && <strong>{p.selectedLabel}</strong>}
      <span>{t(hintKey(p.tool, p.selectedLabel !== null))}</span>
      {text && (
        <span className={p.notice?.kind === 'saving' ? 'gs-planner-status' : 'gs-planner-bad'} role="status">
          {text}
        </span>
      )}
      {p.tool === 'split' && (
        <button
          type="button"
          className="gs-planner-tool gs-planner-tool--primary"
          disabled={!p.splitReady}
          onClick={p.onFinishSplit}
        >
          {t('planner.tools.finishSplit')}
        </button>
      )}
      {p.tool === 'merge' && (
        <button
          type="button"
          className="gs-planner-tool gs-planner-tool--primary"
          disabled={!p.mergeReady}
          onClick={p.onMerge}
        >
          {t('planner.tools.confirmMerge')}
        </button>
      )}
      {p.tool !== 'select' && (
        <button type="button" className="gs-planner-tool" onClick={p.onCancel}>
          {t('planner.tools.cancel')}
        </button>
      )}
    </div>
  );
}
