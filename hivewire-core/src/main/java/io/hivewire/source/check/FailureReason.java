package io.hivewire.source.check;

import java.util.Locale;

/** Why a connection could not be validated; each is a troubleshooting case a user can act on. */
public enum FailureReason {
  /** The credentials work but the bucket policy does not grant hivewire ListBucket/GetObject. */
  ACCESS_DENIED,
  /** hivewire's own credentials were rejected (unknown key id or wrong secret). */
  INVALID_CREDENTIALS,
  /** No bucket of that name exists. */
  BUCKET_NOT_FOUND,
  /** The bucket lives in another region than the one configured. */
  WRONG_REGION,
  /** Nothing exists under the schema prefix. */
  PREFIX_NOT_FOUND,
  /** The schema prefix exists (a folder was created) but holds nothing. */
  PREFIX_EMPTY,
  /** The schema prefix holds files but no table directories. */
  NO_TABLES,
  /** The S3 endpoint could not be reached or kept failing; trying again later may help. */
  UNREACHABLE,
  /** S3 refused the request for another reason, given in the message. */
  S3_ERROR;

  /** The lowercase name used in the API, e.g. {@code wrong_region}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
