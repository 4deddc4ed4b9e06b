package org.p2pkit.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * D: a downloader asks a holder for a content over TCP (spec XFER-1); an extended downloader adds
 * the point it resumes from, new downloads included (EXT-8), and so asks for an H.
 */
public record DownloadRequest(PeerName holder, ContentName content, Optional<ResumePoint> resume) implements Message {
    public DownloadRequest {
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(resume, "resume");
    }

    /** A classic request. */
    public DownloadRequest(PeerName holder, ContentName content) {
        this(holder, content, Optional.empty());
    }

    @Override
    public Map<String, String> fields() {
        Map<String, String> classic = FieldMap.of("holder", holder, "content", content);
        return resume.map(r -> FieldMap.extend(classic, "offset", r.offset(), "sha256", r.sha256().orElse(""))).orElse(classic);
    }
}
