import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

/** What a provider's envelope says about the page it answered; read to check that paging advances. */
export interface PageReport {
	/** The page number the answer says it is. */
	page?: number;
	/** How many pages the list has. */
	pages?: number;
	/** How many records the list has. */
	total?: number;
	/** The link or cursor to the next page. */
	next?: string;
}

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
			/** The envelope's page number, page count, total and next link, where it has them. */
			report?: (body: unknown) => PageReport;
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

/** A number from an envelope field, or undefined when it is missing or not a number. */
export function reportedNumber(value: unknown): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const number = Number(value);
	return Number.isFinite(number) ? number : undefined;
}

const fingerprint = (records: unknown[]) => createHash('sha1').update(JSON.stringify(records)).digest('base64');

/**
 * Fetches pages until `limit` records are collected or the list ends, asking for no more than
 * the records still wanted, so Return All makes ceil(total / maxPageSize) requests (plus one
 * empty page when the API gives no other way to see the end, or may cap pages unannounced).
 *
 * A provider that does not advance (it ignores `page`/`offset` and answers the same records
 * again, repeats its next link, answers another page than the one asked for, or sends more
 * records than the total it reports) would keep Return All reading forever: `stalled` turns
 * what it did into the error that stops the list. Only a digest per page is kept for this.
 */
export async function collectPages(
	paging: Paging,
	limit: number,
	fetchPage: (qs?: IDataObject) => Promise<Page>,
	stalled: (problem: string) => Error,
): Promise<unknown[]> {
	if (paging.type === 'single') {
		const { records } = await fetchPage();
		return records.slice(0, limit);
	}
	const collected: unknown[] = [];
	const seen = new Map<string, string>();
	let lastNext: string | undefined;
	let page = paging.type === 'page' ? paging.firstPage ?? 1 : 0;
	// Page numbers only line up with a fixed page size, so page-based lists keep one size.
	const pageSize = Math.min(paging.maxPageSize, limit);
	while (collected.length < limit) {
		const wanted = Math.min(paging.maxPageSize, limit - collected.length);
		const qs =
			paging.type === 'offset'
				? { [paging.limitParam]: wanted, [paging.offsetParam]: collected.length }
				: { [paging.sizeParam]: pageSize, [paging.pageParam]: page };
		const where = paging.type === 'offset' ? `offset ${collected.length}` : `page ${page}`;
		const { body, records } = await fetchPage(qs);
		if (records.length) {
			const digest = fingerprint(records);
			const earlier = seen.get(digest);
			if (earlier !== undefined) {
				const parameter = paging.type === 'offset' ? paging.offsetParam : paging.pageParam;
				throw stalled(`it answered ${where} with the same records as ${earlier}, so it ignores "${parameter}"`);
			}
			seen.set(digest, where);
		}
		const report = paging.type === 'page' && paging.report ? paging.report(body) : {};
		if (report.page !== undefined && report.page !== page) throw stalled(`it answered page ${report.page} when page ${page} was asked for`);
		if (report.next !== undefined && report.next === lastNext) throw stalled(`it sent the same next link twice (${report.next.slice(0, 200)})`);
		lastNext = report.next;
		collected.push(...records);
		if (report.total !== undefined && collected.length > report.total) {
			throw stalled(`it sent more records (${collected.length} by ${where}) than the ${report.total} it reports`);
		}
		const asked = paging.type === 'page' ? pageSize : wanted;
		const fullPage = paging.undocumentedCap ? records.length > 0 : records.length === asked;
		const more = paging.type === 'page' && paging.hasMore ? paging.hasMore(body, page) ?? fullPage : fullPage;
		if (!more || records.length === 0) break;
		if (report.total !== undefined && collected.length >= report.total && collected.length < limit) {
			throw stalled(`it reports more pages after ${where} (${report.pages ?? 'by its next link'}) though all ${report.total} records it counts were sent`);
		}
		page++;
	}
	return collected.slice(0, limit);
}
