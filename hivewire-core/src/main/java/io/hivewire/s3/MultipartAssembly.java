package io.hivewire.s3;

import io.hivewire.s3.SupportsMultipartUpload.CompletedPart;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Joins the parts of an in-memory multipart upload the way S3 does: parts listed in ascending
 * order, each with the ETag it was given, every part but the last at least {@link
 * SupportsMultipartUpload#MIN_PART_SIZE}; the ETag is the MD5 of the parts' MD5s plus "-count".
 */
final class MultipartAssembly {

  private MultipartAssembly() {}

  static InMemoryObjectStore.StoredObject assemble(
      S3Location location, Map<Integer, byte[]> uploaded, List<CompletedPart> parts, Instant now) {
    if (parts.isEmpty()) {
      throw invalid(location, "MalformedXML", "the completion lists no parts");
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    MessageDigest etags = InMemoryObjectStore.md5();
    int previous = 0;
    for (int i = 0; i < parts.size(); i++) {
      CompletedPart part = parts.get(i);
      if (part.partNumber() <= previous) {
        throw invalid(
            location, "InvalidPartOrder", "part numbers must ascend, got " + part.partNumber());
      }
      previous = part.partNumber();
      byte[] bytes = uploaded.get(part.partNumber());
      if (bytes == null || !InMemoryObjectStore.etagOf(bytes).equals(part.etag())) {
        throw invalid(
            location,
            "InvalidPart",
            "part " + part.partNumber() + " with ETag " + part.etag() + " was not uploaded");
      }
      if (i < parts.size() - 1 && bytes.length < SupportsMultipartUpload.MIN_PART_SIZE) {
        throw invalid(
            location,
            "EntityTooSmall",
            "part "
                + part.partNumber()
                + " has "
                + bytes.length
                + " bytes; every part but the last needs at least "
                + SupportsMultipartUpload.MIN_PART_SIZE);
      }
      body.writeBytes(bytes);
      etags.update(InMemoryObjectStore.md5().digest(bytes));
    }
    String etag = "\"" + HexFormat.of().formatHex(etags.digest()) + "-" + parts.size() + "\"";
    return new InMemoryObjectStore.StoredObject(body.toByteArray(), now, etag);
  }

  private static ObjectStoreException invalid(S3Location location, String code, String detail) {
    return InMemoryErrors.invalidPart(location, code, detail);
  }
}
