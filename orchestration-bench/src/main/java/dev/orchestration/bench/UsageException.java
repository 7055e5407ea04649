package dev.orchestration.bench;

/**
 * Thrown when a command's arguments are invalid; the message is shown with the usage.
 */
public class UsageException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param message what is wrong with the arguments
	 */
	public UsageException(String message) {
		super(message);
	}

}
