from django.contrib.auth.tokens import PasswordResetTokenGenerator


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """Links in invitations: valid for a week, and not interchangeable with reset links.

    Like a reset token, it stops working once a password has been set.
    """

    key_salt = "vip.accounts.tokens.InvitationTokenGenerator"
    timeout = 7 * 24 * 60 * 60


invitation_token_generator = InvitationTokenGenerator()
