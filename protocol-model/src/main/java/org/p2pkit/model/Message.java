package org.p2pkit.model;

import java.util.Map;

/**
 * One PDU by its meaning, independent of bytes and sockets (spec/PROTOCOL.md section 4).
 * {@link PduCodec} turns messages into 101-byte PDUs and back.
 */
public sealed interface Message
        permits Registration, SearchRequest, SearchHit, ContentDeregistration, PeerDeregistration,
                ListRequest, ListEntry, EmptyListEntry, ListEnd, Acknowledgement, ErrorReply,
                DownloadRequest, ContentPiece, ContentEnd, TransferHeader {

    /** The message's fields by name, in wire order, as text; for reports and field matchers. */
    Map<String, String> fields();
}
