import type { IDataObject } from 'n8n-workflow';

/** How a list endpoint pages. */
export type Paging =
	| {
			/** `limit` + `offset` query parameters; a short page means the end (unless `undocumentedCap`). */
			type: 'offset';
			limitParam: string;
			offsetParam: string;
			maxPageSize: number;
			undocumentedCap?: boolean;
	  }
	| {
			/** `page` + page-size query parameters; `hasMore` reads the envelope when it can. */
			type: 'page';
			pageParam: string;
			sizeParam: string;
			maxPageSize: number;
			firstPage?: number;
			hasMore?: (body: unknown, page: number) => boolean | undefined;
			undocumentedCap?: boolean;
	  }
	| {
			/** The endpoint returns everything at once; Limit is applied here. */
			type: 'single';
	  };

/**
 * `undocumentedCap`: the document publishes no maximum page size, so the API may answer fewer
 * records than asked without the list being over. A short page is then not the end: reading
 * goes on until an empty page (or the API's own end marker, `hasMore`).
 */
export interface Page {
	body: unknown;
	records: unknown[];
}

/**
 * Fetches pages until `limit` records are collected or the list ends, asking for no more than
 * the records still wanted, so Return All makes ceil(total / maxPageSize) requests (plus one
 * empty page when the API gives no other way to see the end, or may cap pages unannounced).
 */
export async function collectPages(
	paging: Paging,
	limit: number,
	fetchPage: (qs?: IDataObject) => Promise<Page>,
): Promise<unknown[]> {
	if (paging.type === 'single') {
		const { records } = await fetchPage();
		return records.slice(0, limit);
	}
	const collected: unknown[] = [];
	let page = paging.type === 'page' ? paging.firstPage ?? 1 : 0;
	// Page numbers only line up with a fixed page size, so page-based lists keep one size.
	const pageSize = Math.min(paging.maxPageSize, limit);
	while (collected.length < limit) {
		const wanted = Math.min(paging.maxPageSize, limit - collected.length);
		const qs =
			paging.type === 'offset'
				? { [paging.limitParam]: wanted, [paging.offsetParam]: collected.length }
				: { [paging.sizeParam]: pageSize, [paging.pageParam]: page };
		const { body, records } = await fetchPage(qs);
		collected.push(...records);
		const asked = paging.type === 'page' ? pageSize : wanted;
		const fullPage = paging.undocumentedCap ? records.length > 0 : records.length === asked;
		const more = paging.type === 'page' && paging.hasMore ? paging.hasMore(body, page) ?? fullPage : fullPage;
		if (!more || records.length === 0) break;
		page++;
	}
	return collected.slice(0, limit);
}
