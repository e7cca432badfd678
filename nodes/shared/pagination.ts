import type { IDataObject } from 'n8n-workflow';

/** How a list endpoint pages. */
export type Paging =
	| {
			/** `limit` + `offset` query parameters; a short page means the end. */
			type: 'offset';
			limitParam: string;
			offsetParam: string;
			maxPageSize: number;
	  }
	| {
			/** `page` + page-size query parameters; `hasMore` reads the envelope when it can. */
			type: 'page';
			pageParam: string;
			sizeParam: string;
			maxPageSize: number;
			firstPage?: number;
			hasMore?: (body: unknown, page: number) => boolean | undefined;
	  }
	| {
			/** The endpoint returns everything at once; Limit is applied here. */
			type: 'single';
	  };

export interface Page {
	body: unknown;
	records: unknown[];
}

/**
 * Fetches pages until `limit` records are collected or the list ends, asking for no more than
 * the records still wanted, so Return All makes ceil(total / maxPageSize) requests (plus one
 * empty page only when the API gives no other way to see the end).
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
		const more =
			paging.type === 'page' && paging.hasMore
				? paging.hasMore(body, page) ?? records.length === pageSize
				: records.length === (paging.type === 'page' ? pageSize : wanted);
		if (!more || records.length === 0) break;
		page++;
	}
	return collected.slice(0, limit);
}
