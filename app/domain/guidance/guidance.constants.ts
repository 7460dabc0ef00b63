/**
 * Value lists for guidance requests (veiledningsforespørsler), shared by the
 * database schema, the validation schemas and the pages. Free of Drizzle so
 * pages can import them.
 */

/** new → assigned (someone at the holding body took it) → answered → closed; the asker may reopen a closed or answered request. */
export const guidanceStatuses = ["new", "assigned", "answered", "closed"] as const;
export type GuidanceStatus = (typeof guidanceStatuses)[number];

/** How soon the asker needs an answer. */
export const guidanceUrgencies = ["low", "normal", "high"] as const;
export type GuidanceUrgency = (typeof guidanceUrgencies)[number];

/**
 * One step in the chain the asker sees: routed (where the request first went),
 * handed_over (to the next body up, with a reason), passed_to_peer (to an
 * organisation that offers that competence), returned (the peer gave it back).
 */
export const guidanceHandoverKinds = ["routed", "handed_over", "passed_to_peer", "returned"] as const;
export type GuidanceHandoverKind = (typeof guidanceHandoverKinds)[number];

/** Who wrote a message in the thread: the asking organisation, the holding body, or a peer organisation. */
export const guidanceMessageSides = ["asker", "body", "peer"] as const;
export type GuidanceMessageSide = (typeof guidanceMessageSides)[number];
