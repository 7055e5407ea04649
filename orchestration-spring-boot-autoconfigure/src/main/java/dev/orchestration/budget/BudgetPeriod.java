package dev.orchestration.budget;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * The periods caps apply to. A period begins at midnight (day) or on the first of the
 * month, in the configured time zone.
 */
public enum BudgetPeriod {

	/** A calendar day, id {@code 2026-11-23}. */
	DAY(DateTimeFormatter.ofPattern("uuuu-MM-dd")),

	/** A calendar month, id {@code 2026-11}. */
	MONTH(DateTimeFormatter.ofPattern("uuuu-MM"));

	private final DateTimeFormatter format;

	BudgetPeriod(DateTimeFormatter format) {
		this.format = format;
	}

	/** Lower-case id used in keys, tags and the endpoint ({@code day}, {@code month}). */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The id of the period containing the given time, for example {@code 2026-11-23}. */
	public String periodId(ZonedDateTime now) {
		return this.format.format(now);
	}

	/** When the period containing the given time ends (the start of the next one). */
	public Instant end(ZonedDateTime now) {
		ZonedDateTime start = now.truncatedTo(ChronoUnit.DAYS);
		ZonedDateTime next = switch (this) {
			case DAY -> start.plusDays(1);
			case MONTH -> start.with(TemporalAdjusters.firstDayOfNextMonth());
		};
		return next.toInstant();
	}

}
