// The document-service middleware context, narrowed to what our middlewares read.
export interface DocumentContext {
  uid: string;
  action: string;
  params: Record<string, any>;
  contentType?: unknown;
}
export type Next = () => Promise<any>;
export type DocumentMiddleware = (ctx: DocumentContext, next: Next) => Promise<any>;
