package dev.orchestration.sample;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.orchestration.budget.BudgetExceededException;
import dev.orchestration.routing.RoutingFailedException;
import dev.orchestration.routing.UnknownTierException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns the starter's exceptions into clear HTTP statuses (the table in
 * docs/reliability.md): a budget refusal is 429 (daily or monthly cap) or 402
 * (per-request ceiling) with the reason, a routing failure 503 with the receipt, an
 * unknown tier or a bad value 400, a too-large body 413, Spring MVC's own errors their
 * usual 4xx. Every body is JSON {@code {"status", "kind", "error", ...}} and never
 * carries a stack trace; an unexpected failure is a 500 with an id that the server log
 * repeats beside the stack.
 */
@RestControllerAdvice
class SampleErrorHandler extends ResponseEntityExceptionHandler {

	private static final Log log = LogFactory.getLog(SampleErrorHandler.class);

	@ExceptionHandler(BudgetExceededException.class)
	ResponseEntity<Object> budgetExceeded(BudgetExceededException ex) {
		// a per-request ceiling does not clear with time; a daily or monthly cap does
		HttpStatus status = (ex.getLimit() == BudgetExceededException.Limit.PER_REQUEST) ? HttpStatus.PAYMENT_REQUIRED
				: HttpStatus.TOO_MANY_REQUESTS;
		Map<String, Object> body = body(status, "budget-exceeded", ex.getMessage());
		body.put("limit", ex.getLimit().id());
		body.put("scope", ex.getScope().name().toLowerCase(java.util.Locale.ROOT));
		if (ex.getTenant() != null) {
			body.put("tenant", ex.getTenant());
		}
		body.put("limitUsd", ex.getLimitUsd());
		body.put("spentUsd", ex.getSpentUsd());
		log.debug("Budget refused a request: " + ex.getMessage());
		return ResponseEntity.status(status).body(body);
	}

	@ExceptionHandler(RoutingFailedException.class)
	ResponseEntity<Object> routingFailed(RoutingFailedException ex) {
		Map<String, Object> body = body(HttpStatus.SERVICE_UNAVAILABLE, "routing-failed", ex.getMessage());
		body.put("receipt", ex.getReceipt());
		log.warn("Routing failed: " + ex.getMessage());
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(body);
	}

	@ExceptionHandler(UnknownTierException.class)
	ResponseEntity<Object> unknownTier(UnknownTierException ex) {
		return ResponseEntity.badRequest().body(body(HttpStatus.BAD_REQUEST, "unknown-tier", ex.getMessage()));
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ResponseEntity<Object> badRequest(IllegalArgumentException ex) {
		return ResponseEntity.badRequest().body(body(HttpStatus.BAD_REQUEST, "bad-request", ex.getMessage()));
	}

	/**
	 * Anything else: the starter's exceptions may arrive wrapped (ChatClient, advisors);
	 * unwrap before giving up.
	 */
	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> unexpected(Exception ex) {
		for (Throwable cause = ex.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
			if (cause instanceof BudgetExceededException budget) {
				return budgetExceeded(budget);
			}
			if (cause instanceof RoutingFailedException failed) {
				return routingFailed(failed);
			}
			if (cause instanceof UnknownTierException tier) {
				return unknownTier(tier);
			}
		}
		String id = UUID.randomUUID().toString();
		log.error("Unexpected failure " + id, ex);
		return ResponseEntity.internalServerError()
			.body(body(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
					"unexpected failure " + id + " (the server log has the details)"));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof RequestSizeLimitFilter.RequestTooLargeException tooLarge) {
				return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
					.body(body(HttpStatus.CONTENT_TOO_LARGE, "too-large", tooLarge.getMessage()));
			}
		}
		return ResponseEntity.badRequest()
			.body(body(HttpStatus.BAD_REQUEST, "unreadable", "the body is not a JSON chat request"));
	}

	/**
	 * Spring MVC's own 4xx (unsupported media type, method not allowed...): same JSON
	 * shape.
	 */
	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		String detail = (body instanceof ProblemDetail problem && problem.getDetail() != null) ? problem.getDetail()
				: ex.getMessage();
		HttpStatus status = HttpStatus.resolve(statusCode.value());
		Map<String, Object> json = body((status != null) ? status : HttpStatus.BAD_REQUEST, "http",
				(detail != null) ? detail : statusCode.toString());
		json.put("status", statusCode.value());
		return ResponseEntity.status(statusCode).headers(headers).body(json);
	}

	static Map<String, Object> body(HttpStatus status, String kind, @Nullable String message) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", status.value());
		body.put("kind", kind);
		body.put("error", (message != null) ? message : status.getReasonPhrase());
		return body;
	}

	static String tooLargeJson(long declared, long max) {
		return "{\"status\":413,\"kind\":\"too-large\",\"error\":\"request body of " + declared
				+ " bytes is larger than " + max + " bytes (sample.http.max-request-size)\"}";
	}

}
