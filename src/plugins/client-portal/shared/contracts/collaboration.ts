/** `GET /api/client-portal/trash`: one trashed item (docs/collaboration.md#the-trash). */
export interface TrashItem {
  /** The content type's uid, e.g. `api::task.task` (also the `:uid` of restore and delete). */
  type: string;
  documentId: string;
  title: string;
  deletedAt: string;
  deletedBy: { id: number; documentId: string; firstName: string | null; lastName: string | null } | null;
}
